"""The public site's pages, one module per area: petitions (and the certificate check), models, stories, the map."""
