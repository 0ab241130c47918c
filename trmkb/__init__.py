"""TRM Knowledge Base: validated YAML and Markdown to a multilingual static site."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
