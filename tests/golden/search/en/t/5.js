ssckbSearch.terms("en","5",{"forms":{},"postings":{"500":[11,11]}});
