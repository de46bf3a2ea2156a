// Checks a parsed metadata XML document against the Metadata API schema
// built by metadata-schema.mjs: root element, known fields, nesting,
// single-valued fields and boolean, number and enum values.

export const METADATA_NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

// Fields typed `string` in @salesforce/types that carry XML of their own,
// keyed `Type.field`. Their content is not checked.
const FREE_FORM_XML_FIELDS = new Set([
  "LightningComponentBundle.targetConfigs"
]);

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MAX_LISTED_VALUES = 12;

/**
 * Returns `[{ line, message }]` for `root` (from xml-document.mjs), which
 * must be the element `rootName`, named after its Metadata API type. A
 * type missing from the schema gets the root and namespace checks only.
 */
export function checkMetadataDocument(root, rootName, schema) {
  const errors = [];
  if (root.name !== rootName) {
    errors.push({
      line: root.line,
      message:
        `root element <${root.name}> does not match the file's metadata ` +
        `type: expected <${rootName}>`
    });
    return errors;
  }
  if (root.attributes.xmlns !== METADATA_NAMESPACE) {
    errors.push({
      line: root.line,
      message: `<${root.name}> must declare xmlns="${METADATA_NAMESPACE}"`
    });
  }
  if (schema.types[rootName]) {
    checkComplexElement(root, rootName, schema, errors);
  }
  return errors;
}

function checkComplexElement(element, typeName, schema, errors) {
  const fields = schema.types[typeName];
  if (element.text.trim() !== "") {
    errors.push({
      line: element.line,
      message: `<${element.name}> is a ${typeName} and cannot contain text`
    });
  }
  const seen = new Set();
  for (const child of element.children) {
    const field = fields[child.name];
    if (!field) {
      errors.push({
        line: child.line,
        message: `unknown element <${child.name}> in ${typeName}`
      });
      continue;
    }
    if (!field.array && seen.has(child.name)) {
      errors.push({
        line: child.line,
        message: `<${child.name}> may appear only once in ${typeName}`
      });
    }
    seen.add(child.name);
    checkAttributes(child, errors);
    checkField(child, field, `${typeName}.${child.name}`, schema, errors);
  }
}

function checkField(element, field, fieldPath, schema, errors) {
  if (field.kind === "any" || FREE_FORM_XML_FIELDS.has(fieldPath)) {
    return;
  }
  const xsiType = localName(element.attributes["xsi:type"]);
  if (field.kind === "object") {
    const typeName = xsiType ?? field.name;
    if (!schema.types[typeName]) {
      errors.push({
        line: element.line,
        message: `unknown xsi:type "${xsiType}" on <${element.name}>`
      });
      return;
    }
    checkComplexElement(element, typeName, schema, errors);
    return;
  }
  if (element.children.length > 0) {
    errors.push({
      line: element.children[0].line,
      message:
        `<${element.name}> is a ${describeKind(field)} value and cannot ` +
        `contain <${element.children[0].name}>`
    });
    return;
  }
  if (element.attributes["xsi:nil"] !== "true") {
    checkValue(element, field, schema, errors);
  }
}

function checkValue(element, field, schema, errors) {
  const value = element.text.trim();
  let expected = null;
  if (field.kind === "boolean" && value !== "true" && value !== "false") {
    expected = "true or false";
  } else if (field.kind === "number" && !NUMBER_PATTERN.test(value)) {
    expected = "a number";
  } else if (field.kind === "enum") {
    const values = field.values ?? schema.enums[field.name];
    if (!values.includes(value)) {
      expected = `one of ${listValues(values)}`;
    }
  }
  if (expected) {
    errors.push({
      line: element.line,
      message:
        `invalid value "${value}" in <${element.name}>: expected ` +
        `${expected}`
    });
  }
}

// @salesforce/types defines no attributes, so below the root element only
// namespace declarations, xsi:type and xsi:nil are accepted.
function checkAttributes(element, errors) {
  for (const name of Object.keys(element.attributes)) {
    const allowed =
      name === "xmlns" ||
      name.startsWith("xmlns:") ||
      name === "xsi:type" ||
      name === "xsi:nil";
    if (!allowed) {
      errors.push({
        line: element.line,
        message: `unexpected attribute ${name} on <${element.name}>`
      });
    }
  }
}

function describeKind(field) {
  return field.kind === "enum" ? `${field.name ?? "enum"}` : field.kind;
}

function localName(qualifiedName) {
  return qualifiedName?.slice(qualifiedName.indexOf(":") + 1);
}

function listValues(values) {
  const quoted = values.slice(0, MAX_LISTED_VALUES).map((v) => `"${v}"`);
  const more = values.length - quoted.length;
  return more > 0 ? `${quoted.join(", ")} and ${more} more` : quoted.join(", ");
}
