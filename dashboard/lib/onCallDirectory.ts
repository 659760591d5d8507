import type { OnCallChannel, OnCallUser, Schedule } from './onCallApiShapes';

/** OnCallDirectoryLists are the lists the viewer could read; null for one the api refused or failed to give. */
export interface OnCallDirectoryLists {
  users: readonly OnCallUser[] | null;
  channels: readonly OnCallChannel[] | null;
  schedules: readonly Schedule[] | null;
  /** onCallNow maps a schedule id to the ids of the users on call on it now, for the schedules loaded so far. */
  onCallNow?: ReadonlyMap<string, readonly string[]>;
  /** contacts is false when users come without e-mail and channels (a tenant user's view): names only. */
  contacts?: boolean;
}

const byId = <T extends { id: string }>(items: readonly T[] | null): ReadonlyMap<string, T> | null =>
  items === null ? null : new Map(items.map((i) => [i.id, i]));

/**
 * OnCallDirectory resolves the ids that policies, schedules and on-call answers carry to names. A list the viewer
 * may not read (tenant users may read none) is unknown rather than empty, so an id is then shown as it is instead of
 * being called missing.
 */
export class OnCallDirectory {
  private constructor(
    private readonly users: ReadonlyMap<string, OnCallUser> | null,
    private readonly channels: ReadonlyMap<string, OnCallChannel> | null,
    private readonly schedules: ReadonlyMap<string, Schedule> | null,
    private readonly onCallNow: ReadonlyMap<string, readonly string[]>,
    /** knowsContacts is false when the users' e-mail addresses and channels were withheld from the viewer. */
    readonly knowsContacts: boolean,
  ) {}

  /** from indexes the lists by id. */
  static from(lists: OnCallDirectoryLists): OnCallDirectory {
    return new OnCallDirectory(
      byId(lists.users),
      byId(lists.channels),
      byId(lists.schedules),
      lists.onCallNow ?? new Map(),
      lists.contacts ?? true,
    );
  }

  /** user is the user with that id: the user, 'missing' when the list is known and lacks it, or 'unknown'. */
  user(id: string): OnCallUser | 'missing' | 'unknown' {
    return this.users === null ? 'unknown' : (this.users.get(id) ?? 'missing');
  }

  /** channel is the channel with that id, 'missing', or 'unknown' when the list could not be read. */
  channel(id: string): OnCallChannel | 'missing' | 'unknown' {
    return this.channels === null ? 'unknown' : (this.channels.get(id) ?? 'missing');
  }

  /** schedule is the schedule with that id, 'missing', or 'unknown' when the list could not be read. */
  schedule(id: string): Schedule | 'missing' | 'unknown' {
    return this.schedules === null ? 'unknown' : (this.schedules.get(id) ?? 'missing');
  }

  /** userName is a user's name when the users list is readable and has them, else the id itself. */
  userName(id: string): string {
    const u = this.user(id);
    return typeof u === 'string' ? id : u.name;
  }

  /** whoIsOnCall is the ids on call now on a schedule, or undefined when that is not loaded (yet). */
  whoIsOnCall(scheduleId: string): readonly string[] | undefined {
    return this.onCallNow.get(scheduleId);
  }
}
