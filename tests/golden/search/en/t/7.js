ssckbSearch.terms("en","7",{"forms":{},"postings":{"7966":[11,8]}});
