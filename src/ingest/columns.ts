/**
 * Column names as tools write them vary in case, spacing, punctuation and
 * wording (and the vendor renames its export columns over time): names are
 * compared by their letters and digits only, against lists of synonyms, and
 * the user can map columns by hand.
 */

/** A column name reduced to lower-case letters and digits: `Start Time` -> `starttime`. */
export function normaliseName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Synonyms of each field, most specific first (already normalised). */
export type Synonyms = Readonly<Record<string, readonly string[]>>;

/** Session log columns (`user,product,version,device,start,end[,last_active]`). */
export const SESSION_FIELDS: Synonyms = {
  user: [
    'user',
    'username',
    'userid',
    'userlogin',
    'login',
    'loginname',
    'email',
    'emailaddress',
    'useremail',
    'account',
    'employee',
  ],
  product: [
    'product',
    'productname',
    'application',
    'app',
    'software',
    'feature',
    'featurename',
    'offering',
    'offeringname',
  ],
  version: ['version', 'productversion', 'release', 'ver', 'featureversion'],
  device: [
    'device',
    'devicename',
    'host',
    'hostname',
    'machine',
    'machinename',
    'computer',
    'computername',
    'workstation',
    'node',
    'client',
  ],
  start: [
    'start',
    'starttime',
    'startdate',
    'startedat',
    'sessionstart',
    'checkout',
    'checkouttime',
    'checkedout',
    'outtime',
    'launch',
    'launchtime',
    'launched',
    'open',
    'opened',
    'opentime',
    'begin',
    'from',
  ],
  end: [
    'end',
    'endtime',
    'enddate',
    'endedat',
    'sessionend',
    'checkin',
    'checkintime',
    'checkedin',
    'intime',
    'close',
    'closed',
    'closetime',
    'stop',
    'stoptime',
    'finish',
    'to',
  ],
  last_active: [
    'lastactive',
    'lastactivity',
    'lastactivetime',
    'lastused',
    'lastseen',
    'idlesince',
  ],
};

/** The token usage export (one row per user x product x day used). */
export const TOKEN_USAGE_FIELDS: Synonyms = {
  user: ['email', 'useremail', 'user', 'username', 'userid', 'hashedautodeskid', 'autodeskid'],
  product: ['productname', 'offeringname', 'product', 'offering'],
  version: ['version', 'productversion'],
  day: ['dayused', 'usagedate', 'date', 'day', 'useddate', 'usageday'],
  tokens: ['tokensused', 'tokens', 'tokensconsumed', 'tokenconsumed', 'tokenused'],
  usage_type: ['usagetype', 'usagecategory'],
  team: ['teamalias', 'team', 'teamname'],
};

/** The usage report (one row per user x product, with days and tokens used). */
export const USAGE_REPORT_FIELDS: Synonyms = {
  user: ['email', 'useremail', 'hashedautodeskid', 'autodeskid', 'user', 'username'],
  product: ['offeringname', 'productname', 'product', 'offering'],
  days: ['daysused', 'totaldaysused'],
  tokens: ['tokensused', 'tokens', 'tokensconsumed'],
  last_accessed: ['lastaccessed', 'lastused', 'lastaccess'],
};

/** The older token programme's export: one row per day x product, no user. */
export const TOKENFLEX_FIELDS: Synonyms = {
  day: ['usagedate', 'date', 'day'],
  product: ['productname', 'product'],
  product_code: ['productlinecode'],
  tokens: ['tokensconsumed', 'tokensused', 'tokens'],
  pool: ['tokenpool'],
};

/** Where each field was found: field -> column index. */
export type ColumnMap = Record<string, number>;

/** The result of matching a header against a field list. */
export interface Matched {
  map: ColumnMap;
  /** Source column name -> field, for the report. */
  names: Record<string, string>;
  /** Fields matched by more than one column (the first synonym wins), and manual map problems. */
  notes: string[];
}

/**
 * Matches header names to fields: manual `map` entries (column -> field)
 * first, then synonyms in order. Each column serves at most one field.
 */
export function matchColumns(
  header: readonly string[],
  fields: Synonyms,
  map: Readonly<Record<string, string>> = {},
): Matched {
  const norm = header.map(normaliseName);
  const out: ColumnMap = {};
  const names: Record<string, string> = {};
  const notes: string[] = [];
  const used = new Set<number>();
  for (const [column, asked] of Object.entries(map)) {
    const field = Object.keys(fields).find((f) => normaliseName(f) === normaliseName(asked));
    if (field === undefined) {
      notes.push(
        `--map ${column}=${asked}: unknown field ${JSON.stringify(asked)} (expected one of ${Object.keys(fields).join(', ')})`,
      );
      continue;
    }
    const i = norm.indexOf(normaliseName(column));
    if (i < 0) {
      notes.push(
        `--map ${column}=${field}: no column ${JSON.stringify(column)} in the header (${header.join(', ')})`,
      );
      continue;
    }
    out[field] = i;
    used.add(i);
    names[header[i] as string] = field;
  }
  for (const [field, synonyms] of Object.entries(fields)) {
    if (field in out) continue;
    const found: number[] = [];
    for (const s of synonyms)
      norm.forEach((n, i) => {
        if (n === s && !used.has(i) && !found.includes(i)) found.push(i);
      });
    const first = found[0];
    if (first === undefined) continue;
    out[field] = first;
    used.add(first);
    names[header[first] as string] = field;
    if (found.length > 1)
      notes.push(
        `columns ${found.map((i) => JSON.stringify(header[i])).join(' and ')} all look like ${field}: using ${JSON.stringify(header[first])} (map another with --map COLUMN=${field})`,
      );
  }
  return { map: out, names, notes };
}
