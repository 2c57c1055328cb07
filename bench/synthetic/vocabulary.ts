// Word lists for the synthetic civic-space graph: invented people, places, countries, bodies and publishers
// (none of them real, so invented facts never land on real people), with diacritics so that search and
// folding get realistic input.

/** The fictional country most of the invented actors belong to. */
export const HOME_COUNTRY = 'Veloria';

export const FIRST_NAMES = [
  'Avelin', 'Borrané', 'Célio', 'Davrette', 'Élandre', 'Fenwé', 'Galdric', 'Hésari', 'Ivrel', 'Jorvane',
  'Kastéa', 'Lumaré', 'Mirvelle', 'Nodrik', 'Orvène', 'Pélisse', 'Quarn', 'Rivaé', 'Sélvine', 'Tovrac',
  'Ulmée', 'Vasquel', 'Wendrë', 'Xaviéla', 'Yordane', 'Zélvic', 'Aubrelle', 'Brisan', 'Cordéa', 'Dalvin',
  'Émarel', 'Fioné', 'Gaspriel', 'Hélodie', 'Isandre', 'Jadéon', 'Kélis', 'Lorvane', 'Maëvric', 'Nélisse',
  'Oriane-Zé', 'Prosvel', 'Rhéa-Vo', 'Sandovir', 'Télmine', 'Uriveau', 'Valdène', 'Wystan-Ké', 'Yssabel', 'Zorïa',
];

export const LAST_NAMES = [
  'Vantroué', 'Kelmaré', 'Ostravel', 'Durnëvic', 'Sélavoir', 'Marvosse', 'Tindrelle', 'Brované', 'Quellamir', 'Faroudé',
  'Grisvanne', 'Heltrovic', 'Ivanrède', 'Jostavel', 'Kornéas', 'Lindravo', 'Morvaïl', 'Nestragué', 'Ombrevac', 'Pallavré',
  'Ruvessé', 'Sardovin', 'Talvéric', 'Uldramé', 'Varnessy', 'Wolvéran', 'Xandrèle', 'Ysmarot', 'Zavrénic', 'Abrelvoir',
  'Belcarné', 'Corvendé', 'Dravonet', 'Estraval', 'Fulmérac', 'Gorvelle', 'Halvéria', 'Irvandol', 'Jelmaroc', 'Kavrette',
];

/** Syllables for invented proper names, so the vocabulary keeps growing with the graph. */
export const SYLLABLES = ['ka', 'ou', 'ral', 'sé', 'ko', 'dia', 'ba', 'ma', 'ni', 'tou', 'lé', 'gué', 'bé', 'si', 'mo', 'fa', 'yé', 'ré', 'wo', 'lo', 'sa', 'nè', 'ta', 'kè', 'dou', 'bou', 'ya', 'mè'];

/** Towns of Veloria and of its invented neighbours. */
export const PLACES = [
  'Port Aurel', 'Vélmarch', 'Sundé', 'Kaviré', 'Ostrelle', 'Brenhaven', 'Tessaré', 'Lumivar', 'Corvayne', 'Dolmérie',
  'Estravon', 'Fellindor', 'Gravaché', 'Hollowmère', 'Isselvrac', 'Jarvonne', 'Kessaly', 'Lorivel', 'Mistrelle', 'Novandé',
  'Orlémar', 'Pellavine', 'Quiverne', 'Rosaltère', 'Saint-Alvrin', 'Tirvanec', 'Ulvéron', 'Valmondé', 'Wystermark', 'Zéphrelle',
];

/** Veloria most often; the others are invented neighbours. */
export const COUNTRIES = [HOME_COUNTRY, HOME_COUNTRY, HOME_COUNTRY, 'Karvenia', 'Sundral', 'Méridonie', 'Talvessa', 'Ostrévie', 'Brûlemer'];

export const ORG_KINDS: [string, string, string][] = [
  // [name head, kind, English head]
  ['Association', 'association', 'Association'],
  ['Coordination', 'coalition', 'Coordination'],
  ['Mouvement', 'political organization', 'Movement'],
  ['Collectif', 'civil society group', 'Collective'],
  ['Union', 'trade union', 'Union'],
  ['Ligue', 'human rights organization', 'League'],
  ['Syndicat', 'trade union', 'Union'],
  ['Parti', 'political party', 'Party'],
  ['Réseau', 'network', 'Network'],
  ['Plateforme', 'coalition', 'Platform'],
  ['Observatoire', 'monitoring group', 'Observatory'],
  ['Fédération', 'federation', 'Federation'],
];

export const ORG_QUALIFIERS: [string, string][] = [
  ['des Élèves et Étudiants', 'of Pupils and Students'],
  ['pour la Défense des Droits humains', 'for the Defence of Human Rights'],
  ['des Femmes', 'of Women'],
  ['des Jeunes', 'of Young People'],
  ['pour le Renouveau', 'for Renewal'],
  ['Démocratique', 'for Democracy'],
  ['des Sages et Érudits', 'of Elders and Scholars'],
  ['des Journalistes', 'of Journalists'],
  ['des Enseignants', 'of Teachers'],
  ['des Agriculteurs', 'of Farmers'],
  ['pour la Paix', 'for Peace'],
  ['des Travailleurs', 'of Workers'],
  ['pour la Transparence', 'for Transparency'],
  ['des Victimes', 'of Victims'],
];

export const AUTHORITY_HEADS: [string, string][] = [
  ['Ministère des Territoires', 'ministerial office'],
  ['Ministère de la Sûreté', 'ministerial office'],
  ['Ministère de la Justice', 'ministerial office'],
  ['Gouvernorat', 'regional administration'],
  ['Préfecture', 'regional administration'],
  ['Garde civique', 'security forces'],
  ['Milice provinciale', 'security forces'],
  ['Bureau de la Vigilance intérieure', 'intelligence service'],
  ['Tribunal provincial', 'court'],
  ['Conseil des ministres', 'government'],
  ['Office de régulation des ondes', 'media regulator'],
  ['Chambre judiciaire spéciale', 'court'],
];

export const HUB_AUTHORITIES = [
  'Directoire provisoire de Veloria',
  'Conseil suprême de la Restauration vélorienne',
  'Comité de Vigilance de Port Aurel',
  'Ministère vélorien des Territoires et des Provinces',
  'Forces armées véloriennes',
  'Bureau de la Vigilance intérieure de Veloria',
];

export const HUB_ORGANIZATIONS = [
  'Association des Étudiants de Port Aurel',
  'Coordination Lumière du Delta de Sundé',
  'Mouvement du 9 Brumaire pour le Renouveau',
  'Alliance Tessaré',
  'Observatoire civique de Veloria',
  'Synergie des Enseignants véloriens',
];

export const INSTITUTION_HEADS: [string, string, string][] = [
  ['Commission des Droits humains', 'national human rights institution', 'Human Rights Commission'],
  ['Bureau du Haut-Conseil méridien des droits', 'intergovernmental office', 'Office of the Meridian High Council on Rights'],
  ['Rapporteur spécial de l’Union des Mers du Sud sur la liberté d’association', 'special procedure', 'Southern Seas Union Special Rapporteur on freedom of association'],
  ['Commission régionale de l’Arc méridien', 'regional human rights body', 'Meridian Arc Regional Commission'],
  ['Médiateur de la République', 'ombudsman', 'Ombudsman of the Republic'],
  ['Expert indépendant de l’Union des Mers du Sud', 'special procedure', 'Southern Seas Union Independent Expert'],
];

export const EVENT_HEADS: [string, string][] = [
  ['Manifestation', 'demonstration'],
  ['Coup d’État', 'military coup'],
  ['Vague d’arrestations', 'arrests'],
  ['Affrontements', 'armed clashes'],
  ['Suspension des activités politiques', 'suspension'],
  ['Dissolution d’associations', 'dissolution'],
  ['Marche pacifique', 'demonstration'],
  ['Grève générale', 'strike'],
  ['Procès', 'trial'],
  ['Référendum', 'referendum'],
];

export const PUBLICATION_HEADS: [string, string][] = [
  ['Communiqué', 'communiqué'],
  ['Déclaration', 'statement'],
  ['Rapport annuel', 'report'],
  ['Lettre ouverte', 'open letter'],
  ['Note d’information', 'briefing'],
  ['Arrêté', 'decree'],
];

/** Invented publishers, each named as synthetic so that a reader of any source sees it at once. */
export const PUBLISHERS = [
  'Example Monitor (synthetic)',
  'Veloria Rights Watch (synthetic)',
  'Le Courrier de Port Aurel (synthétique)',
  'Radio Sundé (synthétique)',
  'L’Écho des Provinces (synthétique)',
  'Gazette de Tessaré (synthétique)',
  'Bulletin de l’Arc méridien (synthétique)',
  'Veloria Daily Ledger (synthetic)',
];

/** The publishers that write in English (the others write in French). */
export const ENGLISH_PUBLISHERS = PUBLISHERS.filter((p) => p.endsWith('(synthetic)'));

/** Sentences a source quotes; excerpts are built from them and evidence quotes are taken from excerpts. */
export const SENTENCES = [
  'Les autorités provisoires ont dissous plusieurs associations de la société civile.',
  'Le gouvernement accuse ces organisations de troubler l’ordre public.',
  'Plusieurs membres de l’association ont été arrêtés à leur domicile.',
  'Le Haut-Conseil s’est dit profondément préoccupé par ces mesures.',
  'Les activités des partis politiques ont été suspendues jusqu’à nouvel ordre.',
  'Son porte-parole a dénoncé une atteinte grave à la liberté d’association.',
  'La Commission des droits humains appelle au respect des libertés fondamentales.',
  'Des témoins affirment que les forces de sécurité ont dispersé la manifestation.',
  'L’organisation a été accusée d’agir pour le compte de puissances étrangères.',
  'Le décret de dissolution a été lu à la télévision nationale.',
  'Les familles sont sans nouvelles de lui depuis son enlèvement.',
  'Le collectif demande la libération immédiate des personnes détenues.',
  'Le ministre a justifié la décision par des impératifs de sécurité.',
  'Plusieurs journalistes ont été convoqués par le Bureau de la Vigilance.',
  'La coalition a rejeté les accusations qu’elle juge infondées.',
  'Les élèves et étudiants ont manifesté devant le rectorat.',
  'Le rapport documente des dizaines de cas de disparitions forcées.',
  'Le tribunal a condamné le militant à deux ans de prison.',
  'Les sages ont appelé au dialogue et à l’apaisement.',
  'Le Conseil des ministres a adopté un projet de décret portant dissolution.',
  'Rights groups said the measures were aimed at silencing critics.',
  'The government said the association had disturbed public order.',
  'The regional expert urged the authorities to lift the suspension.',
  'Witnesses said security forces fired tear gas at the crowd.',
];

export const ACCUSATIONS = [
  'troubler l’ordre public',
  'agir pour le compte de puissances étrangères',
  'apologie de la violence',
  'atteinte au crédit de l’État',
  'incitation à la révolte',
  'opposition à l’autorité légitime',
  'diffusion de fausses nouvelles',
  'traîtres à la nation',
];

export const DEMANDS = [
  'la libération immédiate des personnes détenues',
  'la levée de la suspension des activités politiques',
  'une enquête indépendante',
  'le retour à l’ordre constitutionnel',
  'le respect de la liberté d’association',
  'l’annulation du décret de dissolution',
];

export const CONCERNS = [
  'profondément préoccupé par ces mesures',
  'alarmé par les arrestations arbitraires',
  'inquiet du rétrécissement de l’espace civique',
  'préoccupé par les disparitions forcées',
];

export const ROLES = ['président', 'secrétaire général', 'porte-parole', 'trésorier', 'coordinateur', 'vice-président', 'membre fondateur', 'chargé de communication'];
export const RANKS = ['Col.', 'Gén.', 'Lt. Col.', 'Cdt.', 'Cpt.', 'Me', 'Dr', 'Pr'];
