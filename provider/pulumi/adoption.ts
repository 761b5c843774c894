import { alreadyExists } from "../common/errors";
import { isUnknown } from "../common/unknown";
import { currentPlatform } from "../platform/current-platform";
import { plain, type ResourceProvider } from "./provider-types";

/** Hidden input the SDK classes pass: `<project>/<stack>/<resource name>`, the resource that creates an object. */
export const CREATOR_KEY = "__creator";

/** The inputs every resource gains here. */
export interface AdoptionInputs {
  /** Take over an object of this name that already exists instead of failing with "already exists". */
  adopt?: boolean;
  [CREATOR_KEY]?: string;
}

/** How an object of one kind is named on the platform. */
export interface ObjectIdentity<I> {
  /** The SQL object kind, e.g. `COMPUTE POOL`; services and jobs share `SERVICE` (one namespace). */
  kind: string;
  /** The object's id as the provider returns it, e.g. `DB.SCHEMA.NAME`. */
  id(inputs: I): string;
  /** Whether the object exists; default: the provider's read finds it. */
  exists?(inputs: I): Promise<boolean>;
}

/**
 * Wraps a provider's create with what to do when the object already exists:
 *
 * - it was created by this same resource (project, stack and resource name), by a `pulumi up` that was
 *   interrupted before it could record the result: the create carries on from the object as it is (an
 *   update from what is there to what the program says), so the rerun converges instead of failing;
 * - `adopt: true`: the resource takes the object over as it is; its outputs are the object's real
 *   properties, so the next `pulumi preview` shows exactly where it differs from the program and the next
 *   `pulumi up` applies that;
 * - otherwise: SPCS's `Object '...' already exists.`, with the fix.
 *
 * Dynamic providers cannot be imported with `pulumi import` (the engine has no provider package to ask),
 * which is why adoption is an input. `adopt` is create-time only: changing it later changes nothing.
 */
export function adoptable<I extends object, O extends object>(provider: ResourceProvider<I, O>, who: ObjectIdentity<I>): ResourceProvider<I & AdoptionInputs, O> {
  return {
    async check(olds, news) {
      const result = await provider.check(olds, news);
      const adopt = isUnknown(news.adopt) ? news.adopt : (news.adopt ?? false);
      return { ...result, inputs: result.inputs && plain({ ...result.inputs, adopt, [CREATOR_KEY]: news[CREATOR_KEY] }) };
    },

    async diff(id, olds, news) {
      return provider.diff(id, olds, news); // `adopt` and the creator are not compared: create-time only
    },

    async create(inputs) {
      const platform = currentPlatform();
      const id = who.id(inputs);
      const creator = inputs[CREATOR_KEY];
      const existing = await provider.read(id, inputs as unknown as O);
      if (!(who.exists ? await who.exists(inputs) : existing.props !== undefined)) {
        // Recorded before the object exists, so no interruption can leave an object without its creator.
        if (creator) platform.catalog.write(() => platform.catalog.creators.set(who.kind, id, creator));
        try {
          return await provider.create(inputs);
        } catch (e) {
          // Cannot tell (the engine went away, say): keep the creator, so the next run can continue.
          const made = await (who.exists ? who.exists(inputs) : provider.read(id, inputs as unknown as O).then((r) => r.props !== undefined)).catch(() => true);
          if (creator && !made) platform.catalog.write(() => platform.catalog.creators.clear(who.kind, id, creator));
          throw e;
        }
      }
      const keep = (o: O) => plain({ ...o, adopt: inputs.adopt ?? false, [CREATOR_KEY]: creator }) as O;
      if (creator && platform.catalog.creators.get(who.kind, id) === creator) {
        console.log(`${who.kind} ${id} already exists, created by this resource in a run that was interrupted: continuing from it.`);
        const { outs } = await provider.update(id, existing.props as O, inputs);
        return { id, outs: keep(outs) };
      }
      if (inputs.adopt) {
        if (creator) platform.catalog.write(() => platform.catalog.creators.set(who.kind, id, creator));
        console.log(`${who.kind} ${id} already exists: adopted as it is. pulumi preview shows where it differs from the program; pulumi up applies that.`);
        return { id, outs: keep(existing.props as O) };
      }
      throw alreadyExists(id, `choose another name, or set adopt: true to take over the existing ${who.kind.toLowerCase()} (pulumi import does not work for dynamic providers)`);
    },

    async read(id, props) {
      const result = await provider.read(id, props);
      if (!result.props) return result;
      const given = props as AdoptionInputs;
      const extra = { adopt: given.adopt ?? false, [CREATOR_KEY]: given[CREATOR_KEY] };
      return { ...result, props: plain({ ...result.props, ...extra }), inputs: result.inputs && plain({ ...result.inputs, ...extra }) };
    },

    update: (id, olds, news) => provider.update(id, olds, news),

    async delete(id, props) {
      await provider.delete(id, props);
      // Forgotten with the object, so a later object of that name made by anyone else is never mistaken
      // for this resource's own.
      const platform = currentPlatform();
      platform.catalog.write(() => platform.catalog.creators.forget(who.kind, who.id(props as unknown as I)));
    },
  };
}
