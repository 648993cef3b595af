"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { archiveAsset, createAsset, updateAsset, type AssetSaved, type StaleAsset } from "@/lib/content/assets";
import {
  archiveAssetSchema,
  askSalesSchema,
  completeRequestSchema,
  createAssetSchema,
  createRequestSchema,
  rateAssetSchema,
  updateAssetSchema,
} from "@/lib/content/schemas";
import { askSales, completeRequest, createRequest, rateAsset } from "@/lib/content/voice";

/**
 * The content area's server actions, each through the one action wrapper (zod, session,
 * policy). Asset changes, completing requests and asking sales need the content area's edit
 * right; ratings and content requests are sales' voice (view right here, the service allows
 * only sales and admins). A stale asset edit answers `{ ok: false, code: "stale", data: { status:
 * "stale", asset } }` with the asset as it is now.
 */
function changed<R>(result: R): R {
  revalidatePath("/content", "layout");
  return result;
}

export const createAssetAction = action(
  { area: "content", access: "edit", schema: createAssetSchema },
  async (input, { db, user }): Promise<AssetSaved> => changed(await createAsset(db, user, input)),
);

export const updateAssetAction = action(
  { area: "content", access: "edit", schema: updateAssetSchema },
  async (input, { db, user }): Promise<AssetSaved | StaleAsset> => changed(await updateAsset(db, user, input)),
);

export const archiveAssetAction = action(
  { area: "content", access: "edit", schema: archiveAssetSchema },
  async (input, { db, user }): Promise<AssetSaved | StaleAsset> => changed(await archiveAsset(db, user, input)),
);

export const askSalesAction = action(
  { area: "content", access: "edit", schema: askSalesSchema },
  async (input, { db, user }): Promise<number> => changed(await askSales(db, user, input)),
);

export const completeRequestAction = action(
  { area: "content", access: "edit", schema: completeRequestSchema },
  async (input, { db, user }): Promise<null> => {
    await completeRequest(db, user, input);
    return changed(null);
  },
);

export const rateAssetAction = action(
  { area: "content", access: "view", schema: rateAssetSchema },
  async (input, { db, user }): Promise<null> => {
    await rateAsset(db, user, input);
    return changed(null);
  },
);

export const createRequestAction = action(
  { area: "content", access: "view", schema: createRequestSchema },
  async (input, { db, user }): Promise<number> => changed(await createRequest(db, user, input)),
);
