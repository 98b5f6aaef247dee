/**
 * Characters XML 1.0 cannot carry at all, even escaped: C0 controls but tab, newline and carriage return, lone
 * surrogates, U+FFFE and U+FFFF. PostgreSQL stores them, so a text could hold one; it is dropped rather than letting
 * it make the whole document unparseable.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text made safe as XML character data or an attribute value (either quote). */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** An element with escaped attributes and content; `children` are already XML (elements made here). */
export function element(
  name: string,
  attributes: Record<string, string | number | null | undefined>,
  children = "",
): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  return children === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}

/** An element holding only text (escaped). */
export const textElement = (name: string, text: string, attributes: Record<string, string | null> = {}): string =>
  element(name, attributes, escapeXml(text));

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
