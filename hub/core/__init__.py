"""What every feature stands on: settings, extensions, errors and their pages, column helpers,
transactions, text and pagination helpers, languages and security headers.
Nothing in `core` imports a feature package."""
