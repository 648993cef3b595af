/** An upload's id as the server made it (a v4 UUID, lower case); anything else is refused before it reaches the file system. */
export function isUploadId(id: unknown): id is string {
  return typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id);
}
