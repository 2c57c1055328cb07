// title: Bulk import: delete one journal
// description: Deletes the journal of batch $seq of run $run, in the transaction that deleted what it lists.
// params: {"run": "import-example", "seq": 1}
MATCH (j:ImportJournal {run: $run, seq: $seq})
DELETE j
