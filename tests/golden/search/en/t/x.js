ssckbSearch.terms("en","x",{"forms":{},"postings":{"xh":[7,5],"xhosa":[7,5],"xmp":[7,5]}});
