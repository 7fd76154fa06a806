ssckbSearch.terms("en","8",{"forms":{},"postings":{"8213":[11,8]}});
