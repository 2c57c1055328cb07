// title: The datasets loaded into this database, by id
// description: One Dataset node per loaded dataset file (its id and title); the unit of access in team mode.
// params: {}
MATCH (d:Dataset)
RETURN d.id AS id, coalesce(d.title, d.id) AS title
ORDER BY id
