"""The domain: field rules, domain types and the project configuration."""
