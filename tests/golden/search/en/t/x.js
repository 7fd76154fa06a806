ssckbSearch.terms("en","x",{"forms":{},"postings":{"xh":[11,4],"xhosa":[11,4],"xmp":[11,4]}});
