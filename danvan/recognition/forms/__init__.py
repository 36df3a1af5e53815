"""Shapes of what the recognition pages accept; the services decide what is allowed."""
