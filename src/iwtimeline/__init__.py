"""iwtimeline: a sourced timeline of Iran's involvement in the Iraq War, 1980–2008."""
