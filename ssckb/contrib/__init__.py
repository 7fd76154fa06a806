"""Contributions that do not come as a pull request: the issue forms, and turning a filled form into an entry."""
