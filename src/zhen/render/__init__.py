"""Every output form of every command: pure functions from records to text, JSON, HTML, TSV."""
