"""whitecell's tests."""
