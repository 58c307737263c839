/**
 * The names of a FlexNet checkout line read from bytes (flexnet-scan.ts),
 * as indices in the parser's string tables: each distinct name is decoded
 * once (ByteNames); the names the line before used are compared first, as
 * a launch's lines and a check-in's come together (its package and
 * versioned lines alternate, so the two last features are kept).
 */
import type { StringTable } from '../engine/sessions.ts';
import { ByteNames } from './byte-names.ts';
import type { ScannedLine } from './flexnet-scan.ts';

/** The entry of `b[from, to)` in `names`, `last` tried first. */
function entry(names: ByteNames, last: number, b: Uint8Array, from: number, to: number): number {
  return last >= 0 && names.same(last, b, from, to) ? last : names.find(b, from, to);
}

/** User, host, feature and daemon of the last line read, by table index. */
export class ScannedNames {
  user = 0;
  host = 0;
  feature = 0;
  /** The daemon's name (`adskflex`). */
  daemon = '';
  private readonly users: ByteNames;
  private readonly hosts: ByteNames;
  private readonly features: ByteNames;
  private readonly daemons: ByteNames;
  // ByteNames entries of the last names read (-1: none yet).
  private lastUser = -1;
  private lastHost = -1;
  private lastDaemon = -1;
  private featureA = -1;
  private featureB = -1;

  constructor(users: StringTable, hosts: StringTable, features: StringTable, daemons: StringTable) {
    this.users = new ByteNames(users);
    this.hosts = new ByteNames(hosts);
    this.features = new ByteNames(features);
    this.daemons = new ByteNames(daemons);
  }

  /** Reads the names of line `s` of `b`. */
  read(b: Uint8Array, s: ScannedLine): void {
    this.lastUser = entry(this.users, this.lastUser, b, s.userFrom, s.userTo);
    this.lastHost = entry(this.hosts, this.lastHost, b, s.hostFrom, s.hostTo);
    this.lastDaemon = entry(this.daemons, this.lastDaemon, b, s.daemonFrom, s.daemonTo);
    this.user = this.users.index(this.lastUser);
    this.host = this.hosts.index(this.lastHost);
    this.feature = this.features.index(this.featureEntry(b, s.featureFrom, s.featureTo));
    this.daemon = this.daemons.table.values[this.daemons.index(this.lastDaemon)] as string;
  }

  private featureEntry(b: Uint8Array, from: number, to: number): number {
    const names = this.features;
    if (this.featureA >= 0 && names.same(this.featureA, b, from, to)) return this.featureA;
    if (this.featureB >= 0 && names.same(this.featureB, b, from, to)) return this.featureB;
    this.featureB = this.featureA;
    this.featureA = names.find(b, from, to);
    return this.featureA;
  }
}
