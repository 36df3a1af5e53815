"""The portal's forms, one module per area: checks of shape only (400); the services decide what is allowed."""
