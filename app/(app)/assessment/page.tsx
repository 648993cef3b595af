import { placeholderPage } from "../placeholder-page";

export default placeholderPage("assessment");
