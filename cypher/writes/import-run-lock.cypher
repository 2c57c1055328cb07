// title: Bulk import: the lock's constraint
// description: At most one ImportRun node may exist (one per slot, and there is one slot), so two imports cannot start together.
// params: {}
CREATE CONSTRAINT import_run_slot IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.slot IS UNIQUE
