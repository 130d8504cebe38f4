import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element tree, for tests that look into SVG figures (panels, curves, labels).
final class SVGTree: NSObject, XMLParserDelegate {
    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Element] = []
        var text = ""
        init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

        /// Every descendant (depth first), self excluded.
        var descendants: [Element] { children.flatMap { [$0] + $0.descendants } }
        /// Descendants named `name`.
        func all(_ name: String) -> [Element] { descendants.filter { $0.name == name } }
        /// All text below this element.
        var allText: String { text + children.map(\.allText).joined(separator: " ") }
        /// Panels of a figure: nested `<svg class="panel">` elements.
        var panels: [Element] { all("svg").filter { $0.attributes["class"] == "panel" } }
    }

    private(set) var root: Element?
    private var stack: [Element] = []
    private(set) var error: String?

    static func parse(_ markup: String) -> SVGTree {
        let t = SVGTree()
        let p = XMLParser(data: Data(markup.utf8))
        p.delegate = t
        if !p.parse() { t.error = p.parserError.map { "\($0) at line \(p.lineNumber)" } ?? "parse failed" }
        return t
    }

    static func parse(file: String) throws -> SVGTree { parse(try String(contentsOfFile: file, encoding: .utf8)) }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        let e = Element(name: elementName, attributes: attributeDict)
        if let top = stack.last { top.children.append(e) } else { root = e }
        stack.append(e)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
}
