ssckbSearch.terms("en","9",{"forms":{},"postings":{"99":[7,5]}});
