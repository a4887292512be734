"""The Streamlit app: the shell (sidebar, navigation) and one module per page."""
