// title: Dissolutions in date order
// description: Every organization dissolved, by whom and when (with the date's precision and whether it was inferred), the reason the authority gave and its accusations, and the source's words.
// params: {}
// example: true
MATCH (authority)-[dissolution:DISSOLVED]->(organization)
OPTIONAL MATCH (authority)-[accusation:ACCUSED]->(organization)
RETURN dissolution.date AS date, dissolution.datePrecision AS precision, dissolution.dateInferred AS inferred,
       organization.name AS dissolved, authority.name AS dissolvedBy, dissolution.statedReason AS statedReason,
       collect(accusation.words) AS accusations, dissolution.evidenceQuotes AS evidence, authority, dissolution, organization
ORDER BY date, dissolved
