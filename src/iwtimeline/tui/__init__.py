"""The interactive browser, `iwtimeline browse` (Textual). Only that command imports it."""
