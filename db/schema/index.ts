export * from "./users";
export * from "./settings";
export * from "./topics";
export * from "./notifications";
export * from "./audit";
export * from "./system";
export * from "./petitions";
export * from "./discussions";
