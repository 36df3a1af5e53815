"""Every write of the engagement area, one module per area: petitions, dialogues, activities (Three Together),
persons (prestigious persons); `checks` holds the place and organisation checks they share."""
