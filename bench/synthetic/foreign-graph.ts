// A "database someone else built", in plain Cypher: eleven labels of fictitious people, companies, accounts and
// transfers, shaped the way investigators' own Neo4j databases are (first and last names apart, dates as
// dd/MM/yyyy strings, years as integers, times of day, hashes, their own `uid` constraints), for the tests and
// the benchmark of the explorer on a foreign graph. Every name is invented (bench/synthetic/vocabulary.ts) and
// every node carries `synthetic: true`.
import { FIRST_NAMES, LAST_NAMES, PLACES, SYLLABLES, COUNTRIES } from './vocabulary.ts';

/** Runs one write statement (the tests' Database.write, or the benchmark's driver). */
export type WriteCypher = (cypher: string, params: Record<string, unknown>) => Promise<unknown>;

export interface ForeignGraphCounts {
  Person: number;
  Transfer: number;
  Account: number;
  Company: number;
  Address: number;
  Phone: number;
  Document: number;
  Meeting: number;
  Vehicle: number;
  City: number;
  Country: number;
}

/** About 60k nodes and 100k relationships at scale 1. */
export function foreignGraphCounts(scale = 1): ForeignGraphCounts {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  return {
    Person: n(15_000),
    Transfer: n(18_000),
    Account: n(8_000),
    Company: n(6_000),
    Address: n(6_000),
    Phone: n(3_000),
    Document: n(2_000),
    Meeting: n(1_500),
    Vehicle: n(500),
    City: PLACES.length,
    Country: new Set(COUNTRIES).size,
  };
}

/** The person at index 0: a hub of KNOWS relationships (HUB_PERSON_DEGREE of them, plus a few more). */
export const HUB_PERSON = { uid: 'person-0', firstName: FIRST_NAMES[0]!, lastName: LAST_NAMES[0]! };
export const HUB_PERSON_DEGREE = 170;
/** The meeting at index 0: attended by HUB_MEETING_DEGREE people. */
export const HUB_MEETING = { uid: 'meeting-0', topic: 'Assemblée générale des Veloriens' };
export const HUB_MEETING_DEGREE = 1_200;

/** The person with index i's names, as the graph stores them (tests search for them). */
export function foreignPerson(i: number): { uid: string; firstName: string; lastName: string } {
  const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
  const block = Math.floor(i / FIRST_NAMES.length);
  const last = LAST_NAMES[block % LAST_NAMES.length]!;
  // Past every first x last pair, a syllable keeps the surnames apart.
  const round = Math.floor(block / LAST_NAMES.length);
  return { uid: `person-${i}`, firstName: first, lastName: round === 0 ? last : last + SYLLABLES[(round - 1) % SYLLABLES.length] };
}

/** The transfer with index i's date, as the graph stores it: a dd/MM/yyyy string. */
export function foreignTransferDate(i: number): string {
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const year = 2015 + (i % 10);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

const LABELS = Object.keys(foreignGraphCounts()) as (keyof ForeignGraphCounts)[];

/** Builds the graph into an empty database: constraints on `uid` first (as its builders would have), then nodes, then relationships. */
export async function buildForeignGraph(write: WriteCypher, scale = 1): Promise<ForeignGraphCounts> {
  const counts = foreignGraphCounts(scale);
  for (const label of LABELS) {
    await write(`CREATE CONSTRAINT foreign_${label.toLowerCase()}_uid IF NOT EXISTS FOR (n:${label}) REQUIRE n.uid IS UNIQUE`, {});
  }
  const names = { first: FIRST_NAMES, last: LAST_NAMES, syllables: SYLLABLES, places: PLACES, countries: [...new Set(COUNTRIES)] };
  const batches = (count: number) => Array.from({ length: Math.ceil(count / 5_000) }, (_, b) => ({ from: b * 5_000, to: Math.min(count, (b + 1) * 5_000) - 1 }));
  const nodes = async (cypher: string, count: number) => {
    for (const batch of batches(count)) await write(cypher, { ...names, ...batch });
  };

  await nodes(
    `UNWIND range($from, $to) AS i
     WITH i, i / size($first) AS block
     WITH i, block, block / size($last) AS round
     CREATE (:Person {uid: 'person-' + i, synthetic: true,
       firstName: $first[i % size($first)],
       lastName: $last[block % size($last)] + CASE WHEN round = 0 THEN '' ELSE $syllables[(round - 1) % size($syllables)] END,
       birthDate: right('0' + toString(1 + i % 28), 2) + '/' + right('0' + toString(1 + (i / 7) % 12), 2) + '/' + toString(1950 + i % 50),
       nationality: $countries[i % size($countries)]})`,
    counts.Person,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Transfer {uid: 'transfer-' + i, synthetic: true, amount: 100 + (i * 37) % 90000, currency: 'VLR',
       date: right('0' + toString(1 + i % 28), 2) + '/' + right('0' + toString(1 + (i / 28) % 12), 2) + '/' + toString(2015 + i % 10),
       reference: 'TX' + toString(1000000 + i)})`,
    counts.Transfer,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Account {uid: 'account-' + i, synthetic: true, iban: 'VL' + toString(10 + i % 89) + ' 4000 ' + toString(100000 + i),
       opened: date({year: 2000 + i % 24, month: 1 + i % 12, day: 1 + i % 28})})`,
    counts.Account,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Company {uid: 'company-' + i, synthetic: true,
       name: $syllables[i % size($syllables)] + $syllables[(i / 7) % size($syllables)] + ' ' + ['Holding', 'SARL', 'Import-Export', 'Transports', 'Minerals'][i % 5] + ' ' + toString(i),
       founded: 1960 + i % 64, registry: 'RC-' + toString(500000 + i)})`,
    counts.Company,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Address {uid: 'address-' + i, synthetic: true, street: toString(1 + i % 200) + ' rue ' + $first[i % size($first)],
       city: $places[i % size($places)], postcode: toString(10000 + (i * 13) % 89999)})`,
    counts.Address,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Phone {uid: 'phone-' + i, synthetic: true, number: '+999 ' + toString(600000000 + i * 7)})`,
    counts.Phone,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Document {uid: 'document-' + i, synthetic: true,
       sha256: reduce(h = '', k IN range(0, 7) | h + toString(10000000 + (i * 7919 + k * 104729) % 89999999)),
       title: 'Procès-verbal ' + toString(i), filed: toString(2010 + i % 15)})`,
    counts.Document,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Meeting {uid: 'meeting-' + i, synthetic: true,
       startsAt: right('0' + toString(8 + i % 10), 2) + ':' + ['00', '15', '30', '45'][i % 4],
       day: date({year: 2018 + i % 7, month: 1 + i % 12, day: 1 + i % 28}),
       topic: CASE WHEN i = 0 THEN '${HUB_MEETING.topic}' ELSE 'Réunion ' + $places[i % size($places)] + ' ' + toString(i) END})`,
    counts.Meeting,
  );
  await nodes(
    `UNWIND range($from, $to) AS i
     CREATE (:Vehicle {uid: 'vehicle-' + i, synthetic: true, year: 1990 + i % 34,
       plate: 'VX-' + toString(100 + i) + '-' + $syllables[i % size($syllables)], model: ['Corvane', 'Estrel', 'Mirvo', 'Tessa'][i % 4]})`,
    counts.Vehicle,
  );
  await write(`UNWIND range(0, size($places) - 1) AS i CREATE (:City {uid: 'city-' + i, synthetic: true, name: $places[i]})`, names);
  await write(`UNWIND range(0, size($countries) - 1) AS i CREATE (:Country {uid: 'country-' + i, synthetic: true, name: $countries[i]})`, names);

  // Relationships: each statement pairs indexes and finds both ends through the `uid` constraints.
  const link = async (cypher: string, count: number) => {
    for (const batch of batches(count)) await write(cypher, { ...batch, ...counts, hubPerson: HUB_PERSON_DEGREE, hubMeeting: HUB_MEETING_DEGREE });
  };
  const pair = (from: string, fromIndex: string, type: string, to: string, toIndex: string, props = '') =>
    `UNWIND range($from, $to) AS i
     MATCH (a:${from} {uid: '${from.toLowerCase()}-' + toString(${fromIndex})})
     MATCH (b:${to} {uid: '${to.toLowerCase()}-' + toString(${toIndex})})
     CREATE (a)-[:${type}${props}]->(b)`;
  await link(pair('Person', 'i', 'LIVES_AT', 'Address', 'i % $Address'), counts.Person);
  await link(pair('Person', 'i', 'OWNS', 'Account', 'i'), Math.min(counts.Person, counts.Account));
  await link(pair('Company', 'i', 'HOLDS', 'Account', '(i * 7 + 3) % $Account'), counts.Company);
  await link(pair('Transfer', 'i', 'FROM_ACCOUNT', 'Account', '(i * 13) % $Account'), counts.Transfer);
  await link(pair('Transfer', 'i', 'TO_ACCOUNT', 'Account', '(i * 31 + 5) % $Account'), counts.Transfer);
  await link(pair('Person', '(i * 11 + 1) % $Person', 'DIRECTS', 'Company', 'i', " {since: toString(1990 + i % 30)}"), counts.Company);
  // The hub person knows the first HUB_PERSON_DEGREE others; everyone else knows the next one.
  await link(pair('Person', 'CASE WHEN i < $hubPerson THEN 0 ELSE i END', 'KNOWS', 'Person', 'CASE WHEN i < $hubPerson THEN i + 1 ELSE (i + 1) % $Person END'), counts.Person - 1);
  await link(pair('Address', 'i', 'IN_CITY', 'City', `i % ${PLACES.length}`), counts.Address);
  await link(pair('City', 'i', 'IN_COUNTRY', 'Country', `i % ${names.countries.length}`), PLACES.length);
  await link(pair('Person', 'CASE WHEN i < $hubMeeting THEN i ELSE (i * 3) % $Person END', 'ATTENDED', 'Meeting', 'CASE WHEN i < $hubMeeting THEN 0 ELSE i % $Meeting END'), Math.max(HUB_MEETING_DEGREE, counts.Meeting * 4));
  await link(pair('Document', 'i / 2', 'MENTIONS', 'Person', '(i * 17) % $Person'), counts.Document * 2);
  await link(pair('Phone', 'i', 'USED_BY', 'Person', '(i * 5) % $Person'), counts.Phone);
  await link(pair('Vehicle', 'i', 'REGISTERED_TO', 'Person', '(i * 29) % $Person'), counts.Vehicle);
  await link(pair('Meeting', 'i', 'HELD_IN', 'City', `i % ${PLACES.length}`), counts.Meeting);
  return counts;
}

/** Removes the graph's own constraints (after `MATCH (n) DETACH DELETE n`), so the next test file starts clean. */
export async function dropForeignConstraints(write: WriteCypher): Promise<void> {
  for (const label of LABELS) await write(`DROP CONSTRAINT foreign_${label.toLowerCase()}_uid IF EXISTS`, {});
}
