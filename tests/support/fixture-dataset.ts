// The small fixture dataset the ingest tests break (bulk parity, the ingest rules' specification): no database needed.

/** The held text of the small fixture datasets (bulk parity, the ingest rules' specification). */
export const FIXTURE_TEXT = 'Le 24 mai 2021, un coup d’État. Association des Élèves et Étudiants : accusée de troubler l’ordre public.';

/**
 * A small dataset in the seed file's shape; `sources` defaults to one held text (`textFile`, default
 * text.txt beside the dataset, holding FIXTURE_TEXT) and one excerpt-only source.
 */
export function fixtureDataset(id: string, title: string, items: { sources?: any[]; entities: any[]; relations: any[] }, textFile = 'text.txt') {
  const sources = items.sources ?? [
    { id: 'src/text', title: 'Held text', publisher: 'Journal', url: 'https://example.org/t', published: '2024-03', language: 'fr', textFile },
    { id: 'src/excerpt', title: 'Excerpt only', publisher: 'Radio', url: 'https://example.org/e', language: 'en', excerpt: ['The ministry dissolved the association.', 'Its leader was arrested.'] },
  ];
  return { format: 'civic-graph-dataset/1', metadata: { id, title }, sources, entities: items.entities, relations: items.relations };
}
