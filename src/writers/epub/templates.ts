/**
 * Package documents as EJS templates, handed to epub-gen-memory's `EPub` in place of its own
 * (which escape every CJK character, use random ids and write an empty description). `<%= %>`
 * escapes XML; nothing user-written is inserted unescaped.
 */

export const contentOpf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="<%= book.language %>"<% if (prefixes) { %> prefix="<%= prefixes %>"<% } %>>
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id"><%= book.identifier %></dc:identifier>
    <dc:title id="title"><%= book.title %></dc:title>
    <meta refines="#title" property="title-type">main</meta>
<% if (book.subtitle) { -%>
    <dc:title id="subtitle"><%= book.subtitle %></dc:title>
    <meta refines="#subtitle" property="title-type">subtitle</meta>
<% } -%>
    <dc:language><%= book.language %></dc:language>
<% creators.forEach(function (creator, index) { -%>
    <dc:<%= creator.element %> id="<%= creator.element %>-<%= index %>"><%= creator.name %></dc:<%= creator.element %>>
    <meta refines="#<%= creator.element %>-<%= index %>" property="role" scheme="marc:relators"><%= creator.role %></meta>
<% }) -%>
<% if (book.date) { -%>
    <dc:date><%= book.date %></dc:date>
<% } -%>
    <meta property="dcterms:modified"><%= book.modified %></meta>
<% if (book.publisher) { -%>
    <dc:publisher><%= book.publisher %></dc:publisher>
<% } -%>
    <dc:description><%= book.description %></dc:description>
<% subjects.forEach(function (subject) { -%>
    <dc:subject><%= subject %></dc:subject>
<% }) -%>
<% metas.forEach(function (meta) { -%>
    <meta property="<%= meta.property %>"><%= meta.value %></meta>
<% }) -%>
<% if (coverId) { -%>
    <meta name="cover" content="<%= coverId %>"/>
<% } -%>
<% if (primaryWritingMode) { -%>
    <meta name="primary-writing-mode" content="<%= primaryWritingMode %>"/>
<% } -%>
    <meta name="generator" content="<%= generator %>"/>
  </metadata>
  <manifest>
<% manifest.forEach(function (item) { -%>
    <item id="<%= item.id %>" href="<%= item.href %>" media-type="<%= item.mediaType %>"<% if (item.properties) { %> properties="<%= item.properties %>"<% } %>/>
<% }) -%>
  </manifest>
  <spine toc="ncx"<% if (pageProgression) { %> page-progression-direction="<%= pageProgression %>"<% } %>>
<% spine.forEach(function (ref) { -%>
    <itemref idref="<%= ref.idref %>"<% if (ref.linear === false) { %> linear="no"<% } %>/>
<% }) -%>
  </spine>
</package>
`;

export const tocNcx = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%= book.language %>">
  <head>
    <meta name="dtb:uid" content="<%= book.identifier %>"/>
    <meta name="dtb:depth" content="<%= ncxDepth %>"/>
    <meta name="dtb:totalPageCount" content="0"/>
    <meta name="dtb:maxPageNumber" content="0"/>
  </head>
  <docTitle><text><%= book.title %></text></docTitle>
  <navMap>
<% navPoints.forEach(function (point) { -%>
    <navPoint id="<%= point.id %>" playOrder="<%= point.playOrder %>">
      <navLabel><text><%= point.label %></text></navLabel>
      <content src="<%= point.src %>"/>
<% point.children.forEach(function (child) { -%>
      <navPoint id="<%= child.id %>" playOrder="<%= child.playOrder %>">
        <navLabel><text><%= child.label %></text></navLabel>
        <content src="<%= child.src %>"/>
<% child.children.forEach(function (grandchild) { -%>
        <navPoint id="<%= grandchild.id %>" playOrder="<%= grandchild.playOrder %>">
          <navLabel><text><%= grandchild.label %></text></navLabel>
          <content src="<%= grandchild.src %>"/>
        </navPoint>
<% }) -%>
      </navPoint>
<% }) -%>
    </navPoint>
<% }) -%>
  </navMap>
</ncx>
`;

/**
 * Apple Books shows the book's own fonts only when told so (`META-INF/`, beside `container.xml`;
 * the package's `ibooks:specified-fonts` meta says the same to newer versions).
 */
export const appleDisplayOptions = `<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`;

/** Content documents are complete XHTML strings already; the template only places them. */
export const passThrough = '<%- xhtml %>';
