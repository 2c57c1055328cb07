// title: The dataset files loaded into the database
// description: One record per dataset file loaded (its id, title, description, and whether its data is synthetic), for the page to say what is open.
// params: {}
MATCH (d:Dataset)
RETURN d.id AS id, d.title AS title, d.description AS description, d.synthetic AS synthetic
ORDER BY id
