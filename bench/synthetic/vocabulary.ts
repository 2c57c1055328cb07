// Word lists for the synthetic civic-space graph: Malian and Sahelian names, places, bodies and the
// kind of sentences sources quote, with diacritics, so that search and folding get realistic input.

export const FIRST_NAMES = [
  'Aminata', 'Moussa', 'Fatoumata', 'Oumar', 'Mariam', 'Ibrahim', 'Aïssata', 'Sékou', 'Kadidia', 'Boubacar',
  'Assimi', 'Choguel', 'Abdoulaye', 'Mahamadou', 'Ousmane', 'Hawa', 'Djénéba', 'Salif', 'Adama', 'Modibo',
  'Clément', 'Étienne', 'Hélène', 'Soumaïla', 'Tiébilé', 'Nènè', 'Maïmouna', 'Youssouf', 'Bakary', 'Rokia',
  'Aïcha', 'Lamine', 'Chérif', 'Ténin', 'Mamadou', 'Oumou', 'Siaka', 'Fanta', 'Drissa', 'Kadiatou',
  'Ismaël', 'Zoé', 'Noël', 'Agnès', 'Séverine', 'Habib', 'Kalilou', 'Awa', 'Souleymane', 'Bintou',
];

export const LAST_NAMES = [
  'Traoré', 'Keïta', 'Diallo', 'Coulibaly', 'Sangaré', 'Touré', 'Maïga', 'Cissé', 'Koné', 'Diarra',
  'Dembélé', 'Goïta', 'Sidibé', 'Doumbia', 'Kanté', 'Samaké', 'Bagayoko', 'Konaté', 'Sissoko', 'Tounkara',
  'Haïdara', 'Ag Ghaly', 'Dicko', 'Camara', 'Sow', 'Bâ', 'Guindo', 'Dougnon', 'Togo', 'Kassogué',
  'Wagué', 'Fofana', 'Sylla', 'Niaré', 'Mariko', 'Théra', 'Sacko', 'Ballo', 'Daou', 'Kéita',
];

/** Syllables for invented proper names, so the vocabulary keeps growing with the graph. */
export const SYLLABLES = ['ka', 'ou', 'ral', 'sé', 'ko', 'dia', 'ba', 'ma', 'ni', 'tou', 'lé', 'gué', 'bé', 'si', 'mo', 'fa', 'yé', 'ré', 'wo', 'lo', 'sa', 'nè', 'ta', 'kè', 'dou', 'bou', 'ya', 'mè'];

export const PLACES = [
  'Bamako', 'Kayes', 'Ségou', 'Mopti', 'Tombouctou', 'Gao', 'Kidal', 'Sikasso', 'Koulikoro', 'Ménaka',
  'Taoudéni', 'Djenné', 'Bandiagara', 'Kati', 'Kita', 'Nioro du Sahel', 'Douentza', 'Bougouni', 'Koutiala', 'San',
  'Niamey', 'Ouagadougou', 'Dakar', 'Conakry', 'Abidjan', 'Nouakchott', 'Bobo-Dioulasso', 'Zinder', 'Agadez', 'Tahoua',
];

export const COUNTRIES = ['Mali', 'Mali', 'Mali', 'Burkina Faso', 'Niger', 'Guinée', 'Sénégal', "Côte d'Ivoire", 'Mauritanie'];

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
  ['pour la Défense des Droits de l’Homme', 'for the Defence of Human Rights'],
  ['des Femmes', 'of Women'],
  ['des Jeunes', 'of Young People'],
  ['pour la Renaissance', 'for Renewal'],
  ['Démocratique', 'for Democracy'],
  ['des Imams et Érudits', 'of Imams and Scholars'],
  ['des Journalistes', 'of Journalists'],
  ['des Enseignants', 'of Teachers'],
  ['des Agriculteurs', 'of Farmers'],
  ['pour la Paix', 'for Peace'],
  ['des Travailleurs', 'of Workers'],
  ['pour la Transparence', 'for Transparency'],
  ['des Victimes', 'of Victims'],
];

export const AUTHORITY_HEADS: [string, string][] = [
  ['Ministère de l’Administration territoriale', 'ministerial office'],
  ['Ministère de la Sécurité', 'ministerial office'],
  ['Ministère de la Justice', 'ministerial office'],
  ['Gouvernorat', 'regional administration'],
  ['Préfecture', 'regional administration'],
  ['Police nationale', 'security forces'],
  ['Gendarmerie', 'security forces'],
  ['Direction générale de la Sécurité d’État', 'intelligence service'],
  ['Tribunal de grande instance', 'court'],
  ['Conseil des ministres', 'government'],
  ['Haute Autorité de la Communication', 'media regulator'],
  ['Pôle judiciaire spécialisé', 'court'],
];

export const HUB_AUTHORITIES = [
  'Gouvernement de transition',
  'Conseil national de Transition',
  'Comité national pour le Salut du Peuple',
  'Ministère de l’Administration territoriale et de la Décentralisation',
  'Forces armées maliennes',
  'Direction générale de la Sécurité d’État',
];

export const HUB_ORGANIZATIONS = [
  'Association des Élèves et Étudiants du Mali',
  'Coordination des Mouvements, Associations et Sympathisants de l’Imam Mahmoud Dicko',
  'Mouvement du 5 juin – Rassemblement des Forces patriotiques',
  'Kaoural Renouveau',
  'Observatoire pour les Élections et la Bonne Gouvernance',
  'Synergie des Syndicats de l’Éducation',
];

export const INSTITUTION_HEADS: [string, string, string][] = [
  ['Commission nationale des Droits de l’Homme', 'national human rights institution', 'National Human Rights Commission'],
  ['Bureau du Haut-Commissariat aux droits de l’homme', 'UN office', 'Office of the High Commissioner for Human Rights'],
  ['Rapporteur spécial sur la liberté d’association', 'UN special procedure', 'Special Rapporteur on freedom of association'],
  ['Commission africaine des droits de l’homme et des peuples', 'regional human rights body', 'African Commission on Human and Peoples’ Rights'],
  ['Médiateur de la République', 'ombudsman', 'Ombudsman of the Republic'],
  ['Expert indépendant sur la situation des droits de l’homme', 'UN special procedure', 'Independent Expert on the human rights situation'],
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

export const PUBLISHERS = ['Amnesty International', 'Human Rights Watch', 'RFI', 'Jeune Afrique', 'L’Essor', 'Maliweb', 'ONU Info', 'Le Républicain', 'Studio Tamani', 'Bamada.net'];

/** Sentences a source quotes; excerpts are built from them and evidence quotes are taken from excerpts. */
export const SENTENCES = [
  'Les autorités de transition ont dissous plusieurs associations de la société civile.',
  'Le gouvernement accuse ces organisations de troubler l’ordre public.',
  'Plusieurs membres de l’association ont été arrêtés à leur domicile.',
  'Le Haut-Commissariat s’est dit profondément préoccupé par ces mesures.',
  'Les activités des partis politiques ont été suspendues jusqu’à nouvel ordre.',
  'Son porte-parole a dénoncé une atteinte grave à la liberté d’association.',
  'La Commission nationale des droits de l’homme appelle au respect des libertés fondamentales.',
  'Des témoins affirment que les forces de sécurité ont dispersé la manifestation.',
  'L’organisation a été accusée d’agir pour le compte de puissances étrangères.',
  'Le décret de dissolution a été lu à la télévision nationale.',
  'Les familles sont sans nouvelles de lui depuis son enlèvement.',
  'Le collectif demande la libération immédiate des personnes détenues.',
  'Le ministre a justifié la décision par des impératifs de sécurité.',
  'Plusieurs journalistes ont été convoqués par la Sécurité d’État.',
  'La coalition a rejeté les accusations qu’elle juge infondées.',
  'Les élèves et étudiants ont manifesté devant le rectorat.',
  'Le rapport documente des dizaines de cas de disparitions forcées.',
  'Le tribunal a condamné le militant à deux ans de prison.',
  'Les imams ont appelé au dialogue et à l’apaisement.',
  'Le Conseil des ministres a adopté un projet de décret portant dissolution.',
  'Human rights groups said the measures were aimed at silencing critics.',
  'The government said the association had disturbed public order.',
  'The United Nations expert urged the authorities to lift the suspension.',
  'Witnesses said security forces fired tear gas at the crowd.',
];

export const ACCUSATIONS = [
  'troubler l’ordre public',
  'agir pour le compte de puissances étrangères',
  'apologie du terrorisme',
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
