// Items no outfit wears any more lose the `worn_by` item_labels gave them.
MATCH (i:Item)
WHERE i.worn_by IS NOT NULL AND NOT EXISTS { (i)<-[:CONTAINS]-(:Outfit) }
REMOVE i.worn_by
