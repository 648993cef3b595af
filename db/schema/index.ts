export * from "./enums";
export * from "./domain";
export * from "./app";
export * from "./kpi";
export * from "./cache";
export * from "./content";
export * from "./targets";
export * from "./imports";
