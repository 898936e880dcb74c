"""From raw bytes to the cleaned article text: decoding, HTML extraction, repair,
boilerplate removal, languages, publication date and title."""
