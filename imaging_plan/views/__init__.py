"""What each page and export shows, computed without Streamlit."""
