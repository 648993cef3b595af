import { placeholderPage } from "@/components/placeholder-page";

export default placeholderPage("glossary");
