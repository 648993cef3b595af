import { IANAZone } from "luxon";

/**
 * IANA time zones (the organisation's `time_zone` setting, e.g. "Europe/Madrid"). Offsets come
 * from luxon's IANAZone (the runtime's Intl time-zone data); zones are created once and cached.
 */

const zoneCache = new Map<string, IANAZone>();

/** True for a time zone name PostgreSQL and luxon both understand (IANA, e.g. "Europe/Madrid"; also "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The runtime's canonical spelling of a valid zone name (" europe/madrid" is not valid; "europe/madrid" → "Europe/Madrid"). */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

/** The cached luxon zone of a name; throws a RangeError for a name that is not a valid IANA zone. */
export function zoneOf(name: string): IANAZone {
  let z = zoneCache.get(name);
  if (!z) {
    if (!IANAZone.isValidZone(name)) throw new RangeError(`"${name}" is not a valid IANA time zone`);
    z = IANAZone.create(name);
    zoneCache.set(name, z);
  }
  return z;
}

/** True for the zone names read as plain UTC without a zone look-up. */
export function isUtcName(name: string): boolean {
  return name === "UTC" || name === "Etc/UTC";
}
