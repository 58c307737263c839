/**
 * The timezone a FlexNet log names in its header. lmgrd writes the server's
 * local clock and, on Windows, the zone's display name in its date lines
 * (`Server's System Date and Time: Wed Mar 30 2016 01:56:00 Romance Daylight
 * Time`). The name maps to the IANA zone Windows itself maps it to (CLDR
 * windowsZones, territory 001), so the page can propose it for the user to
 * confirm.
 */

/** Windows zone names (without " Standard Time" / " Daylight Time") -> IANA zone (CLDR windowsZones). */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  Dateline: 'Etc/GMT+12',
  Hawaiian: 'Pacific/Honolulu',
  Alaskan: 'America/Anchorage',
  Pacific: 'America/Los_Angeles',
  'US Mountain': 'America/Phoenix',
  Mountain: 'America/Denver',
  Central: 'America/Chicago',
  'Central America': 'America/Guatemala',
  'Canada Central': 'America/Regina',
  Eastern: 'America/New_York',
  'US Eastern': 'America/Indianapolis',
  Atlantic: 'America/Halifax',
  Newfoundland: 'America/St_Johns',
  'E. South America': 'America/Sao_Paulo',
  Argentina: 'America/Buenos_Aires',
  'SA Pacific': 'America/Bogota',
  UTC: 'Etc/UTC',
  GMT: 'Europe/London',
  Greenwich: 'Atlantic/Reykjavik',
  'W. Europe': 'Europe/Berlin',
  'Central Europe': 'Europe/Budapest',
  Romance: 'Europe/Paris',
  'Central European': 'Europe/Warsaw',
  GTB: 'Europe/Bucharest',
  FLE: 'Europe/Kiev',
  'E. Europe': 'Europe/Chisinau',
  Turkey: 'Europe/Istanbul',
  Israel: 'Asia/Jerusalem',
  Egypt: 'Africa/Cairo',
  'South Africa': 'Africa/Johannesburg',
  Russian: 'Europe/Moscow',
  Arabian: 'Asia/Dubai',
  Arab: 'Asia/Riyadh',
  India: 'Asia/Calcutta',
  'SE Asia': 'Asia/Bangkok',
  China: 'Asia/Shanghai',
  Singapore: 'Asia/Singapore',
  Taipei: 'Asia/Taipei',
  Tokyo: 'Asia/Tokyo',
  Korea: 'Asia/Seoul',
  'W. Australia': 'Australia/Perth',
  'Cen. Australia': 'Australia/Adelaide',
  'AUS Central': 'Australia/Darwin',
  'E. Australia': 'Australia/Brisbane',
  'AUS Eastern': 'Australia/Sydney',
  'New Zealand': 'Pacific/Auckland',
};

/** A date line of lmgrd with the zone name after the clock time. */
const DATED =
  /(?:Time|Start-Date|Date and Time):\s+\w{3}\s+\w{3}\s+\d{1,2}\s+\d{4}\s+\d{1,2}:\d{2}:\d{2}\s+([A-Za-z][A-Za-z. ]*?(?:Standard|Daylight|Summer) Time)\s*$/m;

/** `Romance Daylight Time` -> `Europe/Paris`; null for a name not in the table. */
export function windowsZone(name: string): string | null {
  const base = name.replace(/\s+(?:Standard|Daylight|Summer)\s+Time$/i, '').trim();
  return Object.hasOwn(WINDOWS_ZONES, base) ? (WINDOWS_ZONES[base] as string) : null;
}

/** The zone a FlexNet log's header names: the Windows name as written and its IANA zone (null when unknown). */
export interface HeaderZone {
  windowsName: string;
  zone: string | null;
}

/**
 * The first zone name in a FlexNet log's date lines (give it the start of
 * the file: the header comes first), or null when the log names none.
 */
export function flexnetHeaderZone(text: string): HeaderZone | null {
  const m = DATED.exec(text);
  if (!m) return null;
  const windowsName = (m[1] as string).trim();
  return { windowsName, zone: windowsZone(windowsName) };
}
