// The caption rule for labels nobody declared (model/captions.ts) on the property layouts public datasets use for
// people and things: a person's name in two parts is captioned with both, a full name alone, and words that only look
// like name parts (a plant's family) are left alone.
import { describe, expect, it } from 'vitest';
import { chooseCaptionProperties, personNameParts, type SampledProperty } from '../../model/index.ts';

const text = (key: string, values: string[]): SampledProperty => ({ key, type: 'string', seen: values.length, values });
const number = (key: string, values: number[]): SampledProperty => ({ key, type: 'number', seen: values.length, values });

/** [dataset whose layout it is, its properties (fictitious values), the caption parts expected] */
const LAYOUTS: [string, SampledProperty[], string[]][] = [
  ['Neo4j POLE crime dataset, Person: given name in name, family name in surname', [text('name', ['Amanda', 'Brian', 'Carol']), text('surname', ['Alexander', 'Bishop', 'Cole']), text('nhs_no', ['123-45-6789']), number('age', [34])], ['name', 'surname']],
  ['Neo4j Movies, Person: one full name', [text('name', ['Keanu Reeves', 'Carrie-Anne Moss']), number('born', [1964, 1967])], ['name']],
  ['Neo4j Movies, Movie: a title', [text('title', ['The Matrix', 'Cloud Atlas']), text('tagline', ['Welcome to the Real World']), number('released', [1999])], ['title']],
  ['UK Companies House officers: forename and surname', [text('forename', ['Ada', 'Grace']), text('surname', ['Lovelace', 'Hopper']), text('occupation', ['Director']), text('nationality', ['British'])], ['forename', 'surname']],
  ['CSV exports and CRMs: first_name and last_name', [text('first_name', ['Ada']), text('last_name', ['Lovelace']), text('email', ['ada@example.org'])], ['first_name', 'last_name']],
  ['JSON APIs: firstName and lastName beside a uid', [text('lastName', ['Vantroué']), text('uid', ['person-1']), text('firstName', ['Avelin'])], ['firstName', 'lastName']],
  ['schema.org / Wikidata exports: givenName and familyName beside the full name', [text('name', ['Ada Lovelace']), text('givenName', ['Ada']), text('familyName', ['Lovelace'])], ['givenName', 'familyName']],
  ['OpenID / vCard: given_name and family_name', [text('family_name', ['Hopper']), text('given_name', ['Grace'])], ['given_name', 'family_name']],
  ['name beside last_name (a registry export)', [text('name', ['Awa', 'Moussa']), text('last_name', ['Diarra', 'Traoré'])], ['name', 'last_name']],
  ['name beside family_name', [text('name', ['Grace']), text('family_name', ['Hopper'])], ['name', 'family_name']],
  ['given_name beside name: the name is the family name', [text('given_name', ['Grace', 'Ada']), text('name', ['Hopper', 'Lovelace'])], ['given_name', 'name']],
  ['a full name beside its surname is not two parts', [text('name', ['Ada Lovelace', 'Grace Hopper']), text('surname', ['Lovelace', 'Hopper'])], ['name']],
  ['a full name beside its given name is not two parts', [text('name', ['Ada Lovelace', 'Grace Hopper']), text('given_name', ['Ada', 'Grace'])], ['name']],
  ['French open data (élus, annuaires): prénom and nom', [text('nom', ['Diarra']), text('prénom', ['Awa'])], ['prénom', 'nom']],
  ['German registers: Vorname and Nachname', [text('Nachname', ['Müller']), text('Vorname', ['Jana'])], ['Vorname', 'Nachname']],
  ['Spanish registers: nombre and apellidos', [text('apellidos', ['García Márquez']), text('nombre', ['Gabriel'])], ['nombre', 'apellidos']],
  ['botany: a plant name beside its family is one name', [text('name', ['Rosa canina', 'Quercus robur']), text('family', ['Rosaceae', 'Fagaceae']), text('genus', ['Rosa', 'Quercus'])], ['name']],
  ['ICIJ Offshore Leaks officers: name, countries, an id', [text('name', ['Example Nominees Ltd']), text('countries', ['Panama']), text('sourceID', ['Panama Papers'])], ['name']],
  ['social graphs: name beside a screen name', [text('name', ['Ada Lovelace']), text('screen_name', ['ada1815'])], ['name']],
  ['a name beside something last seen is one name', [text('name', ['Ada']), text('last_seen', ['2024-03-01'])], ['name']],
];

describe('caption parts on the property layouts of public datasets', () => {
  it.each(LAYOUTS)('%s', (_dataset, properties, expected) => {
    expect(chooseCaptionProperties(properties)).toEqual(expected);
  });

  it('covers at least ten layouts', () => {
    expect(LAYOUTS.length).toBeGreaterThanOrEqual(10);
  });

  it('reads name parts without values too (a neo4j-admin header), and finds none where there is no person', () => {
    const keys = (...names: string[]) => names.map((key) => ({ key, type: 'string', seen: 1 }));
    expect(personNameParts(keys('name', 'surname'))).toEqual(['name', 'surname']);
    expect(personNameParts(keys('given_name', 'name'))).toEqual(['given_name', 'name']);
    expect(personNameParts(keys('name', 'family'))).toBeUndefined();
    expect(personNameParts(keys('name', 'title'))).toBeUndefined();
  });
});
