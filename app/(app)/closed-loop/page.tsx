import { placeholderPage } from "../placeholder-page";

export default placeholderPage("closed_loop");
