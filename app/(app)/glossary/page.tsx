import { placeholderPage } from "../placeholder-page";

export default placeholderPage("glossary");
