"""MkDocs hooks for what plugins do not do right."""
