"""GraphQL feature: accounts (customer companies), contacts, the account page and merges."""
