"""The petition rules kept apart from the services that apply them: statutory deadlines, routing to a
handling organisation, abuse protection on the public form, and the retention of senders' identities."""
