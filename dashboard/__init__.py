"""The Dash app: stance choropleth, date slider, statements panel, table, API and embed mode."""
