// Civic Graph schema: constraints and indexes. Generated from server/model/declaration.ts by
// `npx tsx seed/cli.ts --write-schema`; each statement is idempotent and runs as-is in cypher-shell.

// Dataset ids are unique and indexed (lookups by id go through these constraints).
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Names and aliases, diacritics folded ("Eleves" finds "Elèves", "Goïta" finds "Goita").
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.searchText]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};

// Labels and relationship types: the token lookup indexes (Neo4j creates them by default; kept if present).
CREATE LOOKUP INDEX node_label_lookup IF NOT EXISTS FOR (n) ON EACH labels(n);
CREATE LOOKUP INDEX relationship_type_lookup IF NOT EXISTS FOR ()-[r]-() ON EACH type(r);

// Dates, for the timeline and time filters.
CREATE INDEX entity_date IF NOT EXISTS FOR (n:Entity) ON (n.date);
CREATE INDEX source_published IF NOT EXISTS FOR (n:Source) ON (n.published);
CREATE INDEX rel_leads_date IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.date);
CREATE INDEX rel_chairs_date IF NOT EXISTS FOR ()-[r:CHAIRS]-() ON (r.date);
CREATE INDEX rel_holds_office_in_date IF NOT EXISTS FOR ()-[r:HOLDS_OFFICE_IN]-() ON (r.date);
CREATE INDEX rel_member_of_date IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.date);
CREATE INDEX rel_spokesperson_for_date IF NOT EXISTS FOR ()-[r:SPOKESPERSON_FOR]-() ON (r.date);
CREATE INDEX rel_part_of_date IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.date);
CREATE INDEX rel_dissolved_date IF NOT EXISTS FOR ()-[r:DISSOLVED]-() ON (r.date);
CREATE INDEX rel_accused_date IF NOT EXISTS FOR ()-[r:ACCUSED]-() ON (r.date);
CREATE INDEX rel_arrested_date IF NOT EXISTS FOR ()-[r:ARRESTED]-() ON (r.date);
CREATE INDEX rel_forcibly_disappeared_date IF NOT EXISTS FOR ()-[r:FORCIBLY_DISAPPEARED]-() ON (r.date);
CREATE INDEX rel_authored_date IF NOT EXISTS FOR ()-[r:AUTHORED]-() ON (r.date);
CREATE INDEX rel_issued_date IF NOT EXISTS FOR ()-[r:ISSUED]-() ON (r.date);
CREATE INDEX rel_about_date IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.date);
CREATE INDEX rel_cited_date IF NOT EXISTS FOR ()-[r:CITED]-() ON (r.date);
CREATE INDEX rel_expressed_concern_date IF NOT EXISTS FOR ()-[r:EXPRESSED_CONCERN]-() ON (r.date);
CREATE INDEX rel_echoed_date IF NOT EXISTS FOR ()-[r:ECHOED]-() ON (r.date);
CREATE INDEX rel_called_for_date IF NOT EXISTS FOR ()-[r:CALLED_FOR]-() ON (r.date);
CREATE INDEX rel_carried_out_date IF NOT EXISTS FOR ()-[r:CARRIED_OUT]-() ON (r.date);
CREATE INDEX rel_came_to_power_in_date IF NOT EXISTS FOR ()-[r:CAME_TO_POWER_IN]-() ON (r.date);
CREATE INDEX rel_attended_date IF NOT EXISTS FOR ()-[r:ATTENDED]-() ON (r.date);

// End dates: periods that began before a timeline window and reach into it (see seed/timeline-queries.ts).
CREATE INDEX entity_end_date IF NOT EXISTS FOR (n:Entity) ON (n.endDate);
CREATE INDEX rel_leads_end_date IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.endDate);
CREATE INDEX rel_chairs_end_date IF NOT EXISTS FOR ()-[r:CHAIRS]-() ON (r.endDate);
CREATE INDEX rel_holds_office_in_end_date IF NOT EXISTS FOR ()-[r:HOLDS_OFFICE_IN]-() ON (r.endDate);
CREATE INDEX rel_member_of_end_date IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.endDate);
CREATE INDEX rel_spokesperson_for_end_date IF NOT EXISTS FOR ()-[r:SPOKESPERSON_FOR]-() ON (r.endDate);
CREATE INDEX rel_part_of_end_date IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.endDate);
CREATE INDEX rel_dissolved_end_date IF NOT EXISTS FOR ()-[r:DISSOLVED]-() ON (r.endDate);
CREATE INDEX rel_accused_end_date IF NOT EXISTS FOR ()-[r:ACCUSED]-() ON (r.endDate);
CREATE INDEX rel_arrested_end_date IF NOT EXISTS FOR ()-[r:ARRESTED]-() ON (r.endDate);
CREATE INDEX rel_forcibly_disappeared_end_date IF NOT EXISTS FOR ()-[r:FORCIBLY_DISAPPEARED]-() ON (r.endDate);
CREATE INDEX rel_authored_end_date IF NOT EXISTS FOR ()-[r:AUTHORED]-() ON (r.endDate);
CREATE INDEX rel_issued_end_date IF NOT EXISTS FOR ()-[r:ISSUED]-() ON (r.endDate);
CREATE INDEX rel_about_end_date IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.endDate);
CREATE INDEX rel_cited_end_date IF NOT EXISTS FOR ()-[r:CITED]-() ON (r.endDate);
CREATE INDEX rel_expressed_concern_end_date IF NOT EXISTS FOR ()-[r:EXPRESSED_CONCERN]-() ON (r.endDate);
CREATE INDEX rel_echoed_end_date IF NOT EXISTS FOR ()-[r:ECHOED]-() ON (r.endDate);
CREATE INDEX rel_called_for_end_date IF NOT EXISTS FOR ()-[r:CALLED_FOR]-() ON (r.endDate);
CREATE INDEX rel_carried_out_end_date IF NOT EXISTS FOR ()-[r:CARRIED_OUT]-() ON (r.endDate);
CREATE INDEX rel_came_to_power_in_end_date IF NOT EXISTS FOR ()-[r:CAME_TO_POWER_IN]-() ON (r.endDate);
CREATE INDEX rel_attended_end_date IF NOT EXISTS FOR ()-[r:ATTENDED]-() ON (r.endDate);

// Relationship ids, per type (a dataset relation id is unique across the dataset; the loader checks it).
CREATE INDEX rel_leads_id IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.id);
CREATE INDEX rel_chairs_id IF NOT EXISTS FOR ()-[r:CHAIRS]-() ON (r.id);
CREATE INDEX rel_holds_office_in_id IF NOT EXISTS FOR ()-[r:HOLDS_OFFICE_IN]-() ON (r.id);
CREATE INDEX rel_member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX rel_spokesperson_for_id IF NOT EXISTS FOR ()-[r:SPOKESPERSON_FOR]-() ON (r.id);
CREATE INDEX rel_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX rel_dissolved_id IF NOT EXISTS FOR ()-[r:DISSOLVED]-() ON (r.id);
CREATE INDEX rel_accused_id IF NOT EXISTS FOR ()-[r:ACCUSED]-() ON (r.id);
CREATE INDEX rel_arrested_id IF NOT EXISTS FOR ()-[r:ARRESTED]-() ON (r.id);
CREATE INDEX rel_forcibly_disappeared_id IF NOT EXISTS FOR ()-[r:FORCIBLY_DISAPPEARED]-() ON (r.id);
CREATE INDEX rel_authored_id IF NOT EXISTS FOR ()-[r:AUTHORED]-() ON (r.id);
CREATE INDEX rel_issued_id IF NOT EXISTS FOR ()-[r:ISSUED]-() ON (r.id);
CREATE INDEX rel_about_id IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.id);
CREATE INDEX rel_cited_id IF NOT EXISTS FOR ()-[r:CITED]-() ON (r.id);
CREATE INDEX rel_expressed_concern_id IF NOT EXISTS FOR ()-[r:EXPRESSED_CONCERN]-() ON (r.id);
CREATE INDEX rel_echoed_id IF NOT EXISTS FOR ()-[r:ECHOED]-() ON (r.id);
CREATE INDEX rel_called_for_id IF NOT EXISTS FOR ()-[r:CALLED_FOR]-() ON (r.id);
CREATE INDEX rel_carried_out_id IF NOT EXISTS FOR ()-[r:CARRIED_OUT]-() ON (r.id);
CREATE INDEX rel_came_to_power_in_id IF NOT EXISTS FOR ()-[r:CAME_TO_POWER_IN]-() ON (r.id);
CREATE INDEX rel_attended_id IF NOT EXISTS FOR ()-[r:ATTENDED]-() ON (r.id);
